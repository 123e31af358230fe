//! The public build's entry point: mounts the app on `<body>`.

fn main() {
    configurator::start();
}
