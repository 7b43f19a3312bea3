//! Finding students in the list: the search text and the filters, over a roster read once from
//! the device.
//!
//! `matching` folds text (case, accents, the punctuation inside names) and matches the typed
//! words; `filters` holds the filters beside the search box; `url_query` writes both into the
//! page's URL query and reads them back; `roster` is every student with what searching and
//! filtering need, computed once. Everything here is plain data with no browser dependency, so
//! it is tested natively (`cargo test -p progress-mentor --lib`).

mod filters;
mod matching;
mod roster;
mod url_query;

pub use filters::{CaseloadFilter, Filters, SendFilter};
pub use matching::Search;
pub use roster::{Choice, Roster};
pub use url_query::ListQuery;

/// How many matching rows are rendered at first, and how many more each "Show more" adds.
pub const PAGE_SIZE: usize = 100;
