import { allow } from "./policy.js";

allow("ApiToken", ["list", "create"], () => true);
allow("ApiToken", ["read", "revoke"], (actor, token) => !!token && token.userId === actor.id);
