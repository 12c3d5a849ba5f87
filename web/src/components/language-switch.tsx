import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { currentLanguage, setLanguage } from '../i18n';

/** One button that switches between Dutch and English; its text is in the other language. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = currentLanguage() === 'nl' ? 'en' : 'nl';
  return (
    <Button className="button button-quiet language-switch" onPress={() => setLanguage(other)}>
      <span lang={t('language.switchLang')}>{t('language.switchLabel')}</span>
    </Button>
  );
}
