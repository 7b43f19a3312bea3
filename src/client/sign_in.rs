//! Signing in on this device: the server checks the password and issues this device's token;
//! the session is stored so the app opens offline afterwards.

use crate::api::{ApiError, SignInRequest};
use crate::storage::{LocalStore, Session};

use super::transport::ApiTransport;

/// What the user typed on the sign-in form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The email, as typed (trimmed before it is sent).
    pub email: String,
    /// The password.
    pub password: String,
}

/// A name for this device in the staff member's list of devices, from the browser's
/// description of itself: "iPad", "Android phone or tablet", "Windows computer"…
pub fn device_label(user_agent: &str) -> String {
    let kind = [
        ("iPad", "iPad"),
        ("iPhone", "iPhone"),
        ("Android", "Android phone or tablet"),
        ("CrOS", "Chromebook"),
        ("Windows", "Windows computer"),
        ("Macintosh", "Mac"),
        ("Linux", "Linux computer"),
    ]
    .iter()
    .find(|(needle, _)| user_agent.contains(needle))
    .map_or("Web browser", |(_, label)| label);
    kind.to_owned()
}

/// What to tell the user when sign-in fails.
fn sign_in_error(error: &ApiError) -> String {
    match error {
        ApiError::Unreachable => {
            "The server cannot be reached. Signing in on a device for the first time needs a connection; try again when you are online.".to_owned()
        }
        // The server's message is written for the user (wrong password, too many attempts).
        ApiError::Refused { message, .. } => message.clone(),
        other => other.to_string(),
    }
}

/// Signs in as `credentials` on the device named `label`, and stores the session the server
/// issued (the outbox is kept whoever signs in).
///
/// # Errors
/// What stopped it, in words for the user; nothing is stored then.
pub async fn sign_in(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
    credentials: &Credentials,
    label: String,
) -> Result<Session, String> {
    let device_id = store.device_id().await.map_err(|e| e.to_string())?;
    let request = SignInRequest {
        email: credentials.email.trim().to_owned(),
        password: credentials.password.clone(),
        device_id,
        device_label: label,
    };
    let response = transport
        .sign_in(&request)
        .await
        .map_err(|e| sign_in_error(&e))?;
    let session = Session {
        token: response.token,
        device_id: response.device_id,
        staff: response.staff,
    };
    store
        .set_session(Some(session.clone()))
        .await
        .map_err(|e| e.to_string())?;
    Ok(session)
}
