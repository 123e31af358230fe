//! The back-office build's entry point: mounts the app with every page on `<body>`.

fn main() {
    configurator::start_office();
}
