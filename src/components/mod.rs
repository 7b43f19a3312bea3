//! Widgets shared by every page: the frame's header, navigation and notices.

mod app_header;
mod connection_status;
mod main_nav;
mod text_field;
mod update_banner;

pub use app_header::AppHeader;
pub use connection_status::ConnectionStatus;
pub use main_nav::MainNav;
pub use text_field::TextField;
pub use update_banner::UpdateBanner;
