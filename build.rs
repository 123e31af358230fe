//! Generates the `i18n` module (leptos_i18n) from the translation files in `src/locales/`, and
//! fails the build when a language lacks a key that English has.

use std::path::PathBuf;

use leptos_i18n_build::{Config, TranslationsInfos};

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let config = Config::new("en")
        .and_then(|c| c.add_locales(["ru", "ky", "uz"]))
        .expect("valid locale names")
        .locales_path("src/locales");
    let infos = TranslationsInfos::parse(config).expect("the translation files parse");
    infos.rerun_if_locales_changed();
    infos.emit_diagnostics();
    infos
        .generate_i18n_module(out.join("i18n"))
        .expect("write the i18n module");
}
