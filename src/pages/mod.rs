//! The pages of the app, one folder each: the page and the components only it uses.

pub mod cart;
pub mod catalog;
pub mod compare;
pub mod configure;
pub mod orders;
pub mod plan;
pub mod requests;
pub mod sign_in;
