//! The members of staff who keep data on this device: on a shared tablet each has their own
//! IndexedDB database, under their own PIN and data key, with their own device id and token.
//! Only the one in use is open; the others stay locked and wait (their changes sync the next
//! time their owner unlocks).
//!
//! The list is kept in `localStorage`: each database's name, and the id and name of the
//! member of staff it belongs to (a member of staff's name, as the lock screen shows it;
//! nothing about a child). The first member of staff on a device uses
//! [`super::IndexedDbStore::APP_DATABASE`], as every device did before the list existed.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

use super::IndexedDbStore;
use super::platform;

const KEY: &str = "progress-mentor.accounts";
/// Every database of the app starts with this.
const DATABASE_PREFIX: &str = "progress-mentor";

/// One member of staff's data on this device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    /// Their IndexedDB database.
    pub database: String,
    /// Their staff record's id.
    pub staff: String,
    /// Their name, as the lock screen shows it.
    pub name: String,
}

/// Whose data this device holds, and whose is open.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Accounts {
    /// The database opened when the app starts: the one last in use.
    #[serde(default)]
    pub current: Option<String>,
    /// Everyone with data here, in the order they first set a PIN.
    #[serde(default)]
    pub known: Vec<Account>,
}

impl Accounts {
    /// The list as stored (empty if none, or unreadable).
    pub fn load() -> Self {
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Stores the list. A browser that refuses (storage full, private mode) keeps the old one;
    /// each database still holds its owner's data and lock, so nothing is lost, and the list
    /// is written again at the next unlock.
    pub fn save(&self) {
        let _ = LocalStorage::set(KEY, self);
    }

    /// The database to open.
    pub fn current_database(&self) -> String {
        self.current
            .clone()
            .unwrap_or_else(|| IndexedDbStore::APP_DATABASE.to_owned())
    }

    /// Notes that `account` holds data here, replacing what was known of its database.
    pub fn remember(&mut self, account: Account) {
        match self
            .known
            .iter_mut()
            .find(|known| known.database == account.database)
        {
            Some(known) => *known = account,
            None => self.known.push(account),
        }
    }

    /// Notes that `database` holds nobody's data any more.
    pub fn forget(&mut self, database: &str) {
        self.known.retain(|known| known.database != database);
    }

    /// True if someone's data is known to be in `database`.
    pub fn holds(&self, database: &str) -> bool {
        self.known.iter().any(|known| known.database == database)
    }

    /// The account of member of staff `staff` in a database other than `database`, if any.
    pub fn elsewhere(&self, staff: &str, database: &str) -> Option<&Account> {
        self.known
            .iter()
            .find(|known| known.staff == staff && known.database != database)
    }

    /// Everyone with data here except the owner of `database`, by name.
    pub fn others(&self, database: &str) -> Vec<Account> {
        let mut others: Vec<Account> = self
            .known
            .iter()
            .filter(|known| known.database != database)
            .cloned()
            .collect();
        others.sort_by(|a, b| a.name.cmp(&b.name));
        others
    }
}

/// A name for a new member of staff's database: the app's prefix and 80 random bits.
pub fn new_database() -> String {
    let suffix: String = platform::random_bytes()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    format!("{DATABASE_PREFIX}-{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(database: &str, staff: &str, name: &str) -> Account {
        Account {
            database: database.to_owned(),
            staff: staff.to_owned(),
            name: name.to_owned(),
        }
    }

    #[test]
    fn a_device_with_no_list_opens_the_app_database() {
        let accounts = Accounts::default();
        assert_eq!(accounts.current_database(), IndexedDbStore::APP_DATABASE);
        let accounts = Accounts {
            current: Some("progress-mentor-ab".to_owned()),
            ..Accounts::default()
        };
        assert_eq!(accounts.current_database(), "progress-mentor-ab");
    }

    #[test]
    fn remembering_a_database_again_replaces_its_entry() {
        let mut accounts = Accounts::default();
        accounts.remember(account("a", "s1", "Morgan"));
        accounts.remember(account("b", "s2", "Dana"));
        accounts.remember(account("a", "s1", "Morgan Ellery"));
        assert_eq!(
            accounts.known,
            vec![
                account("a", "s1", "Morgan Ellery"),
                account("b", "s2", "Dana")
            ]
        );
        accounts.forget("a");
        assert!(!accounts.holds("a"));
        assert!(accounts.holds("b"));
    }

    #[test]
    fn others_leave_out_the_open_database_and_are_sorted_by_name() {
        let mut accounts = Accounts::default();
        accounts.remember(account("a", "s1", "Morgan"));
        accounts.remember(account("b", "s2", "Dana"));
        accounts.remember(account("c", "s3", "Alex"));
        let names: Vec<String> = accounts
            .others("a")
            .into_iter()
            .map(|account| account.name)
            .collect();
        assert_eq!(names, ["Alex", "Dana"]);
    }

    #[test]
    fn a_member_of_staff_is_found_in_another_database_only() {
        let mut accounts = Accounts::default();
        accounts.remember(account("a", "s1", "Morgan"));
        assert_eq!(accounts.elsewhere("s1", "a"), None);
        assert_eq!(
            accounts.elsewhere("s1", "b").map(|a| a.name.as_str()),
            Some("Morgan")
        );
        assert_eq!(accounts.elsewhere("s2", "b"), None);
    }

    #[test]
    fn new_databases_are_distinct_and_carry_the_prefix() {
        let first = new_database();
        let second = new_database();
        assert_ne!(first, second);
        assert!(first.starts_with("progress-mentor-"));
        assert_eq!(first.len(), "progress-mentor-".len() + 20);
    }

    #[test]
    fn an_old_or_partial_list_still_reads() {
        let accounts: Accounts = serde_json::from_str("{}").unwrap();
        assert_eq!(accounts, Accounts::default());
    }
}
