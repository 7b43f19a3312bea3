//! The one way to the signed-in session (and so the token) for a request to the server.

use crate::storage::{LocalStore, Session};

/// The session stored on this device, or what stops asking the server: `not_signed_in` says
/// what to do in the words of the screen that asked ("Sign in to import students.").
///
/// # Errors
/// `not_signed_in` when nobody is signed in; the storage error in words.
pub async fn signed_in(store: &impl LocalStore, not_signed_in: &str) -> Result<Session, String> {
    match store.session().await {
        Ok(Some(session)) => Ok(session),
        Ok(None) => Err(not_signed_in.to_owned()),
        Err(error) => Err(error.to_string()),
    }
}
