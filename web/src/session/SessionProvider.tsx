import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api, ApiError, onUnauthenticated, setCsrfToken } from "@web/api/client";
import type { Locale, Session } from "@web/api/types";
import { useI18n } from "@web/i18n";

type SessionContextValue = {
  /** undefined while the first session check is running. */
  session: Session | null | undefined;
  logIn(email: string, password: string): Promise<Session>;
  logOut(): Promise<void>;
  /** Re-reads the session; resolves to null when it has ended. */
  refresh(): Promise<Session | null>;
  saveLanguage(language: Locale): Promise<void>;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const { setLanguage } = useI18n();
  const [session, setSession] = useState<Session | null | undefined>(undefined);

  const adopt = useCallback(
    (next: Session | null) => {
      setCsrfToken(next?.csrfToken ?? null);
      // The account's saved language is the user's preference on every device.
      if (next) setLanguage(next.user.locale);
      setSession(next);
      return next;
    },
    [setLanguage],
  );

  const refresh = useCallback(async () => {
    try {
      // Signed out answers 204 (no body) rather than a 401 the browser would log.
      return adopt((await api.get<Session | undefined>("/auth/session", { optional: true })) ?? null);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) return adopt(null);
      throw error;
    }
  }, [adopt]);

  useEffect(() => {
    onUnauthenticated(() => adopt(null));
    refresh().catch(() => adopt(null));
  }, [adopt, refresh]);

  const value = useMemo<SessionContextValue>(
    () => ({
      session,
      refresh,
      logIn: async (email, password) => adopt(await api.post<Session>("/auth/login", { email, password }))!,
      logOut: async () => {
        try {
          await api.post("/auth/logout");
        } finally {
          adopt(null);
        }
      },
      saveLanguage: async (language) => {
        setLanguage(language);
        if (session) adopt(await api.patch<Session>("/auth/profile", { locale: language }));
      },
    }),
    [session, refresh, adopt, setLanguage],
  );

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const context = useContext(SessionContext);
  if (!context) throw new Error("useSession must be used inside <SessionProvider>");
  return context;
}

/** The signed-in session; only for components rendered behind <RequireSession>. */
export function useSignedIn(): Session {
  const { session } = useSession();
  if (!session) throw new Error("useSignedIn needs a signed-in session");
  return session;
}
