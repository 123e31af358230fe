//! The compare build's entry point: mounts the app with the comparison on `<body>`.

fn main() {
    configurator::start_compare();
}
