// The page for an address that matches no module route.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { buttonClasses } from '../ui/Button';
import { EmptyState } from '../ui/layoutParts';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyState
      title={t('common.notFound')}
      description={t('common.notFoundDescription')}
      action={
        <Link to="/" className={buttonClasses('secondary')}>
          {t('common.backHome')}
        </Link>
      }
    />
  );
}
