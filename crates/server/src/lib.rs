//! The order server of the vehicle configurator: the JSON API under `/api/v1` and the built front
//! end. Public so that tests can build the router without a socket.

pub mod auth;
pub mod clock;
pub mod config;
pub mod data;
pub mod db;
pub mod http;
pub mod lines;
pub mod ordering;
pub mod partners;
pub mod planning;
pub mod quote_requests;
pub mod store;
