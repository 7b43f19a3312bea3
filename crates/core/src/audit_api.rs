//! The sign-in and security audit (`GET /api/v1/audit`, administrators only), shared by the app
//! and the server: who signed in or failed to, which devices registered, escrowed or
//! recovered their key, were revoked or told to wipe, and whose session expired.

use serde::{Deserialize, Serialize};

use crate::ids::{DeviceId, EntityId};

/// The most events one page of the audit holds; a larger `limit` is read as this.
pub const MAX_AUDIT_PAGE: u32 = 200;

/// The events a page holds when the request names no `limit`.
pub const DEFAULT_AUDIT_PAGE: u32 = 50;

/// What happened. On the wire the variant's name in snake case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditKind {
    /// A member of staff signed in on a device.
    SignedIn,
    /// A sign-in was refused (wrong password, unknown email, a device id taken or reserved,
    /// too many devices); the staff member is named when the email was theirs.
    SignInRefused,
    /// A device id signed in for the first time and now belongs to that member of staff.
    DeviceRegistered,
    /// A device escrowed (or replaced) its data key with the server.
    KeyEscrowed,
    /// A sign-in handed a device back its escrowed data key.
    KeyRecovered,
    /// An administrator revoked a device (the staff member is the administrator).
    DeviceRevoked,
    /// A staff record was deleted: the member of staff can no longer sign in and each of
    /// their devices is revoked.
    StaffDeactivated,
    /// A revoked device, or one of a deactivated member of staff, was told to erase its data.
    WipeSent,
    /// A device's session ended: unused too long, too old, or its owner signed in on one
    /// device more than allowed. It must sign in again; it keeps its data.
    TokenExpired,
    /// A kind this build does not know, from a newer server.
    #[serde(other)]
    Other,
}

impl AuditKind {
    /// What happened, in words for the audit list.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::SignedIn => "Signed in",
            Self::SignInRefused => "Sign-in refused",
            Self::DeviceRegistered => "New device registered",
            Self::KeyEscrowed => "Device key escrowed",
            Self::KeyRecovered => "Device key recovered",
            Self::DeviceRevoked => "Device revoked",
            Self::StaffDeactivated => "Staff member deactivated",
            Self::WipeSent => "Device told to erase its data",
            Self::TokenExpired => "Session ended",
            Self::Other => "Other event",
        }
    }
}

/// One event. Times are Unix ms by the server's clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEvent {
    /// The event's number; later events have larger numbers.
    pub id: u64,
    /// When it happened.
    pub at_ms: u64,
    /// What happened.
    pub kind: AuditKind,
    /// The member of staff concerned (who signed in, whose email was tried, who revoked).
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "uuid"))]
    pub staff_id: Option<EntityId>,
    /// Their name, if they are on the server.
    pub staff_name: Option<String>,
    /// The device concerned.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>, format = "uuid"))]
    pub device_id: Option<DeviceId>,
    /// The device's label, if it ever signed in.
    pub device_label: Option<String>,
    /// More about it, in words (e.g. why a sign-in was refused).
    pub detail: Option<String>,
}

/// One page of the audit, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// The events, newest first.
    pub events: Vec<AuditEvent>,
    /// Pass as `before` to read the next (older) page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_before: Option<u64>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_audit_page_keeps_its_field_names() {
        let value = json!({
            "events": [{
                "id": 7,
                "at_ms": 1_750_000_000_000_u64,
                "kind": "sign_in_refused",
                "staff_id": "0190a4a0-0000-7000-8000-0000000000aa",
                "staff_name": "Quill Ashdown",
                "device_id": null,
                "device_label": null,
                "detail": "Wrong password."
            }],
            "next_before": 7
        });
        let page: AuditPage = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(page.events[0].kind, AuditKind::SignInRefused);
        assert_eq!(serde_json::to_value(&page).unwrap(), value);
    }

    #[test]
    fn a_kind_from_a_newer_server_still_reads() {
        let kind: AuditKind = serde_json::from_value(json!("passkey_added")).unwrap();
        assert_eq!(kind, AuditKind::Other);
        assert_eq!(
            serde_json::to_value(AuditKind::WipeSent).unwrap(),
            json!("wipe_sent")
        );
    }
}
