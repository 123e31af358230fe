//! Components shared by several pages, and the parts of the configure page that tests mount on
//! their own.

pub mod change_notice;
pub mod conflict_dialog;
pub mod drafts;
pub mod drawing;
pub mod option_picker;
pub mod option_row;
pub mod price_panel;
pub mod server_status;
pub mod spec_sheet;
pub mod summary;
pub mod switches;
