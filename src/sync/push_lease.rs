//! One tab syncs at a time where the browser has no Web Locks: a lease in `localStorage`
//! (`"tab-id until-ms"`), taken when free, expired or already this tab's, kept for
//! [`LEASE_MS`] at most (longer than a run: every request ends by its 30 s deadline), and
//! given back when the run ends. Two tabs taking it in the same instant both write; each
//! reads it back and only the one whose id stayed goes on. (Where Web Locks exist the
//! scheduler uses them instead.)

use crate::storage::platform;

/// The `localStorage` key of the lease.
pub const LEASE_KEY: &str = "progress-mentor-sync-lease";
/// How long a lease lasts if its tab never gives it back (closed mid-run).
pub const LEASE_MS: u64 = 120_000;

/// The holder and expiry written in the lease, if it reads.
pub fn parse(text: &str) -> Option<(&str, u64)> {
    let (tab, until) = text.split_once(' ')?;
    Some((tab, until.parse().ok()?))
}

/// True if `tab` may take a lease that reads `current` at `now_ms`.
pub fn may_take(current: Option<&str>, tab: &str, now_ms: u64) -> bool {
    match current.and_then(parse) {
        Some((holder, until)) => holder == tab || until <= now_ms,
        None => true,
    }
}

/// Takes the lease for `tab`; `false` if another tab holds it. Without `localStorage` (a
/// blocked or private window) it is always taken: the server answers a repeated op
/// `duplicate`, so two pushes at once lose nothing.
pub fn take(tab: &str) -> bool {
    let Some(storage) = local_storage() else {
        return true;
    };
    let now = platform::now_ms();
    let current = storage.get_item(LEASE_KEY).ok().flatten();
    if !may_take(current.as_deref(), tab, now) {
        return false;
    }
    let lease = format!("{tab} {}", now.saturating_add(LEASE_MS));
    if storage.set_item(LEASE_KEY, &lease).is_err() {
        return true;
    }
    storage.get_item(LEASE_KEY).ok().flatten().as_deref() == Some(lease.as_str())
}

/// Gives the lease back if `tab` holds it.
pub fn give_back(tab: &str) {
    let Some(storage) = local_storage() else {
        return;
    };
    let current = storage.get_item(LEASE_KEY).ok().flatten();
    if current
        .as_deref()
        .and_then(parse)
        .is_some_and(|(holder, _)| holder == tab)
    {
        let _ = storage.remove_item(LEASE_KEY);
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lease_is_taken_when_free_expired_or_already_ours() {
        assert!(may_take(None, "tab-a", 1_000));
        assert!(may_take(Some("garbled"), "tab-a", 1_000));
        assert!(
            !may_take(Some("tab-b 5000"), "tab-a", 1_000),
            "another tab's, live"
        );
        assert!(
            may_take(Some("tab-b 5000"), "tab-a", 5_000),
            "another tab's, expired"
        );
        assert!(may_take(Some("tab-a 5000"), "tab-a", 1_000), "ours");
        assert_eq!(parse("tab-a 42"), Some(("tab-a", 42)));
        assert_eq!(parse("tab-a x"), None);
    }
}
