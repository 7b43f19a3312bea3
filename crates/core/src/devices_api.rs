//! The school's devices as an administrator sees them (`GET /api/v1/devices`, and the answer
//! of `POST /api/v1/devices/{id}/revoke`), shared by the app and the server.

use serde::{Deserialize, Serialize};

use crate::ids::{DeviceId, EntityId};

/// A device and who signed in on it. Times are Unix ms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceSummary {
    /// The device's id.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: DeviceId,
    /// The staff record of whoever signed in on it last.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub staff_id: EntityId,
    /// Their name.
    pub staff_name: String,
    /// The device's label, as given at sign-in.
    pub label: String,
    /// When it first signed in.
    pub created_at_ms: u64,
    /// When it last made a request, if it has since signing in.
    pub last_seen_at_ms: Option<u64>,
    /// When an administrator revoked it; its next request is answered `wipe`.
    pub revoked_at_ms: Option<u64>,
    /// False after the device signed out (its token is forgotten).
    pub signed_in: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_device_reads_with_absent_times_as_null() {
        let value = json!({
            "id": "0190a4a0-0000-7000-8000-000000000001",
            "staff_id": "0190a4a0-0000-7000-8000-0000000000aa",
            "staff_name": "Sam Teacher",
            "label": "Science tablet 3",
            "created_at_ms": 1_700_000_000_000_u64,
            "last_seen_at_ms": null,
            "revoked_at_ms": 1_700_000_100_000_u64,
            "signed_in": false
        });
        let device: DeviceSummary = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(device.revoked_at_ms, Some(1_700_000_100_000));
        assert_eq!(device.last_seen_at_ms, None);
        assert_eq!(serde_json::to_value(&device).unwrap(), value);
    }
}
