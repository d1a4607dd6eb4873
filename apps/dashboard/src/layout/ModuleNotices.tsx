// The modules' notices above the page (e.g. the usage quota banner), for those who may use each module.
import { Suspense } from 'react';
import { useAbility } from '../auth/ability';
import { useMe } from '../auth/authContext';
import { modulesFor } from '../modules/registry';

export function ModuleNotices() {
  const me = useMe();
  const ability = useAbility();
  const notices = modulesFor({ role: me.user.role, ability }).flatMap((module) =>
    module.notice ? [{ id: module.id, Notice: module.notice }] : [],
  );
  if (notices.length === 0) return null;
  return (
    // A notice still loading must never hold the page back.
    <Suspense fallback={null}>
      <div className="mb-6 space-y-3 empty:hidden">
        {notices.map(({ id, Notice }) => (
          <Notice key={id} />
        ))}
      </div>
    </Suspense>
  );
}
