//! The school's devices, for an administrator: the server's list, revoking one, and the
//! sign-in and security audit.

use mentor_core::DeviceId;

use crate::api::{AuditEvent, DeviceSummary};
use crate::storage::LocalStore;

use super::session::signed_in;
use super::transport::ApiTransport;

/// What to do when nobody is signed in.
const SIGN_IN_FIRST: &str = "Sign in to manage devices.";

/// The school's devices, newest first, and which of them is this one.
///
/// # Errors
/// What stopped asking the server, in words.
pub async fn school_devices(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
) -> Result<(Vec<DeviceSummary>, DeviceId), String> {
    let session = signed_in(store, SIGN_IN_FIRST).await?;
    let devices = transport
        .devices(&session.token)
        .await
        .map_err(|error| error.to_string())?;
    Ok((devices, session.device_id))
}

/// Revokes `device`: it erases its data the next time it connects. Answers the device as it
/// now stands.
///
/// # Errors
/// What stopped it, in words.
pub async fn revoke_device(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
    device: DeviceId,
) -> Result<DeviceSummary, String> {
    let session = signed_in(store, SIGN_IN_FIRST).await?;
    transport
        .revoke_device(&session.token, device)
        .await
        .map_err(|error| error.to_string())
}

/// The latest sign-in and security events, newest first.
///
/// # Errors
/// What stopped asking the server, in words.
pub async fn security_audit(
    store: &impl LocalStore,
    transport: &impl ApiTransport,
) -> Result<Vec<AuditEvent>, String> {
    let session = signed_in(store, SIGN_IN_FIRST).await?;
    transport
        .audit(&session.token)
        .await
        .map(|page| page.events)
        .map_err(|error| error.to_string())
}
