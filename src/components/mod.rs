//! Components shared by several pages, and the parts of the configure page that tests mount on
//! their own.

pub mod conflict_dialog;
pub mod drafts;
pub mod drawing;
pub mod option_picker;
pub mod price_panel;
pub mod server_status;
pub mod summary;
pub mod switches;
