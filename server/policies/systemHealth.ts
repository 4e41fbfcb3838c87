import { allow } from "./policy.js";
import { role } from "./scope.js";

// Versions, queues, jobs, disk and backups are the administrators' to watch; others have no use for them.
allow("SystemHealth", "read", role("admin"));
