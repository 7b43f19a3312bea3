//! Signing in on this device: the server checks the password and issues this device's token.
//! The session is stored only once the member of staff has chosen a PIN (it is sealed under
//! the data key, which the PIN wraps), so the app then opens offline, locked.
//!
//! A sign-in answered `wipe` (the device was revoked, or its member of staff deactivated)
//! erases the device there and then; the same person signing in again starts empty, under a
//! new device id.

use mentor_core::ErrorCode;

use crate::api::{ApiError, SignInRequest, SignInResponse};
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

/// Why someone else cannot sign in on a device that holds a colleague's data.
const TAKEN: &str = "This device holds another member of staff's data. They need to unlock it and sign out (Device page) before you can sign in here.";

/// Why a member of staff whose data is already on this device (a shared tablet) does not get
/// a second copy: they open their own with their PIN.
pub fn already_here(name: &str) -> String {
    format!(
        "{name}, your data is already on this device. Choose your name under \"Someone else?\" and unlock it with your PIN (or \"Forgot your PIN?\" there)."
    )
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

/// What a successful sign-in brings: the session to store, and the escrowed data key if the
/// server holds one for this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedIn {
    /// The session, not yet stored.
    pub session: Session,
    /// The device's data key from the server's escrow (base64url), if it holds one.
    pub escrowed_key: Option<String>,
}

/// Signs in as `credentials` on the device named `label`. Stores nothing on success (see
/// [`begin_session`]); erases the device if the server answers `wipe`, then asks once more
/// as the new device it has become.
///
/// # Errors
/// What stopped it, in words for the user.
pub async fn sign_in(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
    credentials: &Credentials,
    label: String,
) -> Result<SignedIn, String> {
    let mut wiped = false;
    loop {
        let device_id = store.device_id().await.map_err(|e| e.to_string())?;
        let request = SignInRequest {
            email: credentials.email.trim().to_owned(),
            password: credentials.password.clone(),
            device_id,
            device_label: label.clone(),
        };
        match transport.sign_in(&request).await {
            Ok(response) => return Ok(signed_in(response)),
            Err(error) if error.code() == Some(ErrorCode::Wipe) && !wiped => {
                store.wipe().await.map_err(|e| e.to_string())?;
                wiped = true;
            }
            // The id is another member of staff's: with nothing of anyone's on the device it
            // simply becomes a new device; with someone's data on it, that stays theirs.
            Err(error) if error.code() == Some(ErrorCode::DeviceTaken) && !wiped => {
                let empty = matches!(store.session().await, Ok(None))
                    && store.pending_count().await == Ok(0);
                if !empty {
                    return Err(TAKEN.to_owned());
                }
                store.wipe().await.map_err(|e| e.to_string())?;
                wiped = true;
            }
            Err(error) => return Err(sign_in_error(&error)),
        }
    }
}

fn signed_in(response: SignInResponse) -> SignedIn {
    SignedIn {
        session: Session {
            token: response.token,
            device_id: response.device_id,
            staff: response.staff,
        },
        escrowed_key: response.escrowed_key,
    }
}

/// Stores the session of a sign-in (the outbox is kept; the device takes the issued id if
/// nothing waits under its old one).
///
/// # Errors
/// The storage error in words.
pub async fn begin_session(store: &impl LocalStore, session: &Session) -> Result<(), String> {
    store
        .set_session(Some(session.clone()))
        .await
        .map_err(|e| e.to_string())
}
