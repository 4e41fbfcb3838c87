import { useEffect, useState } from "react";
import { api } from "@web/api/client";
import type { PpidRequest, Schemas } from "@web/api/types";
import { useLoad } from "@web/hooks/useLoad";
import { ppidApi } from "./api";

export type PpidUnit = Schemas["PpidUnit"];

/** One case, loaded once and replaced by what each action answers. */
export function useCase(id: string) {
  const loaded = useLoad(() => ppidApi.request(id), [id]);
  const [request, setRequest] = useState<PpidRequest | undefined>();
  useEffect(() => setRequest(loaded.data), [loaded.data]);
  return { request, error: loaded.error, loading: loaded.loading, update: setRequest };
}

/** The PPID units (the Utama first), for choosing where a request goes. */
export function usePpidUnits() {
  return useLoad(async () => (await api.get<{ data: PpidUnit[] }>("/ppid/units")).data, []);
}
