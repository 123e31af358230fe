//! Components shared by several pages.

pub mod server_status;
