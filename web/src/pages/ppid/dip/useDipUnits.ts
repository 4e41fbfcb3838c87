import { useAllUnits } from "@web/hooks/useAllUnits";
import { useLoad } from "@web/hooks/useLoad";
import { useSignedIn } from "@web/session/SessionProvider";
import { dipApi } from "./api";

/**
 * The units to choose on DIP pages: those the person may add entries to (the PPID Utama: every
 * unit, beyond the units of their own scope), or, for readers such as humas, the units they see.
 */
export function useDipUnits() {
  const { abilities } = useSignedIn();
  const visible = useAllUnits();
  const keepable = useLoad(() => (abilities.editDip ? dipApi.units() : Promise.resolve(null)), [abilities.editDip]);
  return abilities.editDip ? keepable : visible;
}
