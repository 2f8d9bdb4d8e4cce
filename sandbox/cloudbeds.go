package sandbox

// registerCloudbeds serves Cloudbeds PMS API v1.3 and API v2 (being written).
func registerCloudbeds(*Server) error { return nil }
