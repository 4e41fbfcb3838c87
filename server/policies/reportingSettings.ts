import { allow } from "./policy.js";
import { role } from "./scope.js";

// The organisation's reporting zone and on-time tolerance: read by those who read the figures,
// changed by admins only (a change recounts every rollup).
allow("ReportingSettings", "read", role("admin", "humas", "leader"));
allow("ReportingSettings", "update", role("admin"));
