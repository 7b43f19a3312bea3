//! Signing out: the server forgets the token and the device erases everything it holds
//! (records, outbox, session, lock), so nothing about a child is left on it. The page says
//! first how many changes have not reached the server, and offers to sync them.

use crate::storage::LocalStore;

use super::transport::ApiTransport;

/// Signs out whoever is signed in and erases the device's data.
///
/// # Errors
/// The storage error in words; the data is still there then.
pub async fn sign_out(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
) -> Result<(), String> {
    if let Ok(Some(session)) = store.session().await {
        // Offline, the token stays valid on the server until it expires or an admin revokes
        // the device; the device forgets it either way.
        let _ = transport.sign_out(&session.token).await;
    }
    store.wipe().await.map_err(|e| e.to_string())
}
