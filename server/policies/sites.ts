import { allow, and } from "./policy.js";
import { noneOrInScope, role } from "./scope.js";

// A unit site's settings (address, host name, review requirement, OpenSID token) are the admins';
// freshness is watched by Kominfo and by each kecamatan over its desa.

allow("Site", "update", role("admin"));
allow("Site", ["list", "read"], and(role("admin", "humas", "officer", "leader"), noneOrInScope));
