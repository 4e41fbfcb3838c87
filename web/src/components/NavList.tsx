import { NavLink } from "react-router-dom";
import { useI18n } from "@web/i18n";
import type { Section } from "@web/navigation";
import { useSignedIn } from "@web/session/SessionProvider";

type NavListProps = { label: string; sections: readonly Section[]; id?: string; className?: string };

/** A navigation landmark listing the sections the signed-in user may open. */
export function NavList({ label, sections, id, className }: NavListProps) {
  const { t } = useI18n();
  const { abilities } = useSignedIn();
  return (
    <nav id={id} aria-label={label} className={className}>
      <ul>
        {sections
          .filter((section) => section.allowed(abilities))
          .map((section) => (
            <li key={section.path}>
              <NavLink to={section.path} end={section.end} data-testid={section.testId}>
                {t(section.label)}
              </NavLink>
            </li>
          ))}
      </ul>
    </nav>
  );
}
