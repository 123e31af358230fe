//! The pages of the app, one folder each: the page and the components only it uses.

pub mod catalog;
pub mod configure;
pub mod plan;
pub mod sign_in;
