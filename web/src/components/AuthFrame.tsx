import type { ReactNode } from "react";
import { LanguageSwitch } from "./LanguageSwitch";

/** The plain frame of the pages shown before the app itself: sign-in and the forced password change. */
export function AuthFrame({ children }: { children: ReactNode }) {
  return (
    <div className="auth-frame">
      <header className="auth-frame__header">
        <span className="brand">Siar</span>
        <LanguageSwitch />
      </header>
      <main id="main" className="auth-frame__panel">
        {children}
      </main>
    </div>
  );
}
