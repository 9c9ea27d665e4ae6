import { type FormEvent, useId, useState } from 'react';
import { useT } from '../../i18n';
import { useRouter } from '../../router';

/** A search box that opens /search?q=… (a real form: Enter submits, the input has a label). */
export function SearchForm({ initial = '' }: { initial?: string }) {
  const t = useT();
  const id = useId();
  const { navigate } = useRouter();
  const [text, setText] = useState(initial);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/search?q=${encodeURIComponent(text.trim())}`);
  };
  return (
    <search>
      <form className="search-form" onSubmit={submit}>
        <label htmlFor={id} className="visually-hidden">
          {t('search.label')}
        </label>
        <input
          id={id}
          type="search"
          value={text}
          maxLength={100}
          placeholder={t('search.placeholder')}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className="button">
          {t('search.submit')}
        </button>
      </form>
    </search>
  );
}
