//! The answer of `GET /api/health`.

use serde::{Deserialize, Serialize};

/// What the server says about itself: enough for a device or an IT lead to tell which
/// release is running and whether the device's schema matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// Always `"ok"` when the server answers at all; the database is checked before replying.
    pub status: String,
    /// The server's release, [`crate::APP_VERSION`].
    pub app_version: String,
    /// The server's schema version, [`crate::SCHEMA_VERSION`].
    pub schema_version: u32,
}

impl Health {
    /// The health report of this build.
    pub fn current() -> Self {
        Self {
            status: "ok".to_owned(),
            app_version: crate::APP_VERSION.to_owned(),
            schema_version: crate::SCHEMA_VERSION,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_round_trips_through_json_with_stable_field_names() {
        let json = serde_json::to_value(Health::current()).unwrap();
        assert_eq!(json["status"], "ok");
        assert_eq!(json["app_version"], crate::APP_VERSION);
        assert_eq!(json["schema_version"], crate::SCHEMA_VERSION);
        let back: Health = serde_json::from_value(json).unwrap();
        assert_eq!(back, Health::current());
    }
}
