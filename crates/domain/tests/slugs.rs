//! The words `as_str` gives the catalog's enums are the words the catalog file (serde) uses, and
//! `ALL` lists each value once.

use configurator_domain::catalog::{Body, Brand};

fn serde_word<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[test]
fn body_and_brand_words_are_the_file_format() {
    for body in Body::ALL {
        assert_eq!(body.as_str(), serde_word(body));
    }
    for brand in Brand::ALL {
        assert_eq!(brand.as_str(), serde_word(brand));
    }
}

#[test]
fn every_value_is_listed_once() {
    let mut bodies: Vec<&str> = Body::ALL.iter().map(|b| b.as_str()).collect();
    bodies.sort_unstable();
    bodies.dedup();
    assert_eq!(bodies.len(), Body::ALL.len());
    assert_eq!(Brand::ALL, [Brand::Chevrolet, Brand::Isuzu]);
}
