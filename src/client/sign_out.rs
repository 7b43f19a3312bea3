//! Signing out: the server forgets the token and the device forgets the session. Changes not
//! yet synced stay in the outbox and go out when the same person signs in again.

use crate::storage::LocalStore;

use super::transport::ApiTransport;

/// Signs out whoever is signed in (nothing to do if nobody is).
///
/// # Errors
/// The storage error in words; the session is still there then.
pub async fn sign_out(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
) -> Result<(), String> {
    if let Ok(Some(session)) = store.session().await {
        // Offline, the token stays valid on the server until an admin revokes the device;
        // the device forgets it either way.
        let _ = transport.sign_out(&session.token).await;
    }
    store.set_session(None).await.map_err(|e| e.to_string())
}
