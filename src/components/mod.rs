//! Components that several pages share, and the shell's parts shown on every page. A component
//! that only one page uses lives in that page's folder.

pub mod account;
pub mod compare_pick;
pub mod compare_tray;
pub mod description;
pub mod drawing;
pub mod later;
pub mod page_boundary;
pub mod server_status;
pub mod switches;
