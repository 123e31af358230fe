//! The pages of the app, one module each.

pub mod catalog;
pub mod configure;
pub mod sign_in;
