// An alert's scope in words, for the banner, the station's own alerts and the publish form.
import { effectiveScope } from '../../electron/contract/alert-scope';
import type { ExpertAlertContent } from '../../electron/contract/trends.contract';
import { t } from '../i18n/t';

export function scopeText(alert: Pick<ExpertAlertContent, 'scope' | 'issuer' | 'documentType' | 'series'>): string {
  const scope = effectiveScope(alert);
  switch (scope.kind) {
    case 'regional':
      return t('alertScope.regionalShort');
    case 'documents': {
      const parts = [
        scope.issuers.length > 0 ? t('alertScope.issuers', { list: scope.issuers.join(', ') }) : t('alertScope.anyIssuer'),
        ...(scope.documentTypes.length > 0 ? [t('alertScope.types', { list: scope.documentTypes.join(', ') })] : []),
        ...(scope.series.length > 0 ? [t('alertScope.series', { list: scope.series.join(', ') })] : []),
      ];
      return t('alertScope.documentsShort', { what: parts.join(' · ') });
    }
    default: {
      const never: never = scope;
      return never;
    }
  }
}
