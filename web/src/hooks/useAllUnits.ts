import { fetchAllPages } from "../api/client";
import type { Unit } from "../api/types";
import { useLoad } from "./useLoad";

/** Every unit in the caller's scope, parents before children (the API's order). */
export function useAllUnits() {
  return useLoad(() => fetchAllPages<Unit>("/units", { limit: 1000 }), []);
}
