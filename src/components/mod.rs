//! Widgets shared by every page: the frame's header, navigation and notices, and the line
//! under every form that says what its last save did, and the buttons under an item's edit form.

mod app_header;
mod connection_status;
mod edit_actions;
mod main_nav;
mod save_line;
mod text_field;
mod update_banner;

pub use app_header::AppHeader;
pub use connection_status::ConnectionStatus;
pub use edit_actions::edit_actions;
pub use main_nav::MainNav;
pub use save_line::save_line;
pub use text_field::TextField;
pub use update_banner::UpdateBanner;
