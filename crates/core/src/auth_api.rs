//! Sign-in and "who am I" (`POST /api/v1/auth/sign-in`, `GET /api/v1/me`), shared by the app
//! and the server so they are written once. Sign-out takes and gives no body.
//!
//! A member of staff signs in online once per device; the answer's token authorises that
//! device until it signs out, expires or is revoked. A device id belongs to the member of
//! staff who first signed in with it. The device may escrow its data key with the server
//! (`PUT /api/v1/device/key`, [`KeyEscrow`]) and gets it back when its owner signs in on it
//! again ([`SignInResponse::escrowed_key`]).

use serde::{Deserialize, Serialize};

use crate::ids::DeviceId;
use crate::role::Role;

/// A token that has not been used for this long (30 days) no longer works: the device signs
/// in again online and keeps its data.
pub const TOKEN_IDLE_LIMIT_MS: u64 = 30 * DAY_MS;

/// A token stops working this long (180 days) after its sign-in, however often it is used.
pub const TOKEN_LIFETIME_MS: u64 = 180 * DAY_MS;

/// The most devices one member of staff may be signed in on at once; signing in on one more
/// ends the session of the device they used least recently (it keeps its data and signs in
/// again online).
pub const MAX_ACTIVE_DEVICES: usize = 5;

/// The length of a device's data key, in bytes (AES-256).
pub const DATA_KEY_BYTES: usize = 32;

const DAY_MS: u64 = 24 * 60 * 60 * 1000;

/// A password sign-in on one device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInRequest {
    /// The staff member's email, in any case.
    pub email: String,
    /// Their password.
    pub password: String,
    /// The device's own id (a UUID it made once); a revoked id can never sign in again.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub device_id: DeviceId,
    /// What the staff member will see in the list of devices, e.g. "Science tablet 3".
    #[serde(default)]
    pub device_label: String,
}

/// A member of staff as the server describes them to their own device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = StaffMember))]
pub struct StaffSummary {
    /// The id of the staff member's synced `staff` record.
    #[cfg_attr(feature = "openapi", schema(format = "uuid"))]
    pub id: String,
    /// The name to show.
    pub display_name: String,
    /// Their role.
    pub role: Role,
}

/// The answer to a sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SignInResponse {
    /// The device's bearer token; shown once, kept only hashed by the server.
    pub token: String,
    /// The device id the token belongs to.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub device_id: DeviceId,
    /// Who signed in.
    pub staff: StaffSummary,
    /// The data key this device escrowed earlier (base64url without padding), returned only
    /// to the member of staff who owns the device id, while it is not revoked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escrowed_key: Option<String>,
}

/// The body of `PUT /api/v1/device/key`: the signed-in device's data key, kept by the server
/// so an online sign-in can recover it after the PIN is lost. It replaces an earlier one and
/// is erased when the device is revoked, wiped or signs out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct KeyEscrow {
    /// The key: [`DATA_KEY_BYTES`] bytes, base64url without padding.
    pub key: String,
}

/// The device a request came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DeviceInfo {
    /// The device's id.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = "uuid"))]
    pub id: DeviceId,
    /// Its label, as given at sign-in.
    pub label: String,
}

/// The answer of `GET /api/v1/me`: who is signed in, on which device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeResponse {
    /// The signed-in member of staff.
    pub staff: StaffSummary,
    /// This device.
    pub device: DeviceInfo,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sign_in_without_a_label_still_reads() {
        let device = "0190a4a0-0000-7000-8000-000000000001";
        let request: SignInRequest = serde_json::from_value(json!({
            "email": "mentor@school.example", "password": "secret", "device_id": device
        }))
        .unwrap();
        assert_eq!(request.device_id.to_string(), device);
        assert_eq!(request.device_label, "");
    }

    #[test]
    fn a_sign_in_answer_keeps_its_field_names() {
        let device: DeviceId = "0190a4a0-0000-7000-8000-000000000001".parse().unwrap();
        let answer = SignInResponse {
            token: "t0k3n".to_owned(),
            device_id: device,
            staff: StaffSummary {
                id: "0190a4a0-0000-7000-8000-0000000000aa".to_owned(),
                display_name: "Sam Teacher".to_owned(),
                role: Role::Mentor,
            },
            escrowed_key: None,
        };
        let mut value = serde_json::to_value(&answer).unwrap();
        // Without an escrowed key the answer is as it always was.
        assert_eq!(
            value,
            json!({
                "token": "t0k3n",
                "device_id": "0190a4a0-0000-7000-8000-000000000001",
                "staff": {
                    "id": "0190a4a0-0000-7000-8000-0000000000aa",
                    "display_name": "Sam Teacher",
                    "role": "mentor"
                }
            })
        );
        assert_eq!(
            serde_json::from_value::<SignInResponse>(value.clone()).unwrap(),
            answer
        );
        let with_key = SignInResponse {
            escrowed_key: Some("a2V5".to_owned()),
            ..answer
        };
        value["escrowed_key"] = json!("a2V5");
        assert_eq!(serde_json::to_value(&with_key).unwrap(), value);
        assert_eq!(
            serde_json::from_value::<SignInResponse>(value).unwrap(),
            with_key
        );
    }

    #[test]
    fn a_key_escrow_is_one_named_field() {
        let escrow: KeyEscrow = serde_json::from_value(json!({"key": "a2V5"})).unwrap();
        assert_eq!(escrow.key, "a2V5");
        assert_eq!(
            serde_json::to_value(&escrow).unwrap(),
            json!({"key": "a2V5"})
        );
    }
}
