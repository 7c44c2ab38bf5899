import type { DirectorySynonym, Problem } from '@puente/core';
import { useEffect, useState } from 'preact/hooks';
import { toProblem } from '../../app/api';
import { useI18n } from '../../app/i18n';
import { Field } from '../../ui/Field';
import { ProblemAlert, StatusMessage } from '../../ui/Messages';
import { useAction } from '../../ui/useAction';
import { addSynonym, listSynonyms, removeSynonym } from './api';

/**
 * The program's own search words beside the lexicon core already holds: what people here
 * say ("la pulga") and what the listings call it ("thrift store").
 */
export function SynonymsCard() {
  const { t } = useI18n();
  const [synonyms, setSynonyms] = useState<DirectorySynonym[]>();
  const [loadProblem, setLoadProblem] = useState<Problem>();
  const [term, setTerm] = useState('');
  const [means, setMeans] = useState('');
  const [status, setStatus] = useState<string>();
  const { busy, problem, errors, run } = useAction();

  useEffect(() => {
    listSynonyms()
      .then(setSynonyms)
      .catch((error) => setLoadProblem(toProblem(error)));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setStatus(undefined);
    const ok = await run(async () => {
      const added = await addSynonym({ term, means });
      setSynonyms((list) => [added, ...(list ?? [])]);
      setStatus(t('directory.synonymAdded', { term: added.term, means: added.means }));
    });
    if (ok) {
      setTerm('');
      setMeans('');
    }
  };
  const remove = (synonym: DirectorySynonym) =>
    void run(async () => {
      await removeSynonym(synonym.id);
      setSynonyms((list) => list?.filter((s) => s.id !== synonym.id));
      setStatus(t('directory.synonymRemoved', { term: synonym.term }));
    });

  return (
    <section class="card" aria-labelledby="synonyms-title">
      <h2 id="synonyms-title">{t('directory.synonymsTitle')}</h2>
      <p>{t('directory.synonymsIntro')}</p>
      <ProblemAlert problem={loadProblem} />
      {!synonyms && !loadProblem && <p role="status">{t('app.loading')}</p>}
      {synonyms?.length === 0 && <p class="hint">{t('directory.synonymsEmpty')}</p>}
      {synonyms && synonyms.length > 0 && (
        <ul class="plain-list synonyms">
          {synonyms.map((s) => (
            <li key={s.id}>
              <span>{t('directory.synonymLine', { term: s.term, means: s.means })}</span>
              <button type="button" disabled={busy} onClick={() => remove(s)}>
                {t('directory.removeSynonym', { term: s.term })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {synonyms && (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Field
            id="synonym-term"
            label={t('directory.synonymTerm')}
            hint={t('directory.synonymTermHint')}
            autocomplete="off"
            maxLength={80}
            value={term}
            onValue={setTerm}
            error={errors.term}
          />
          <Field
            id="synonym-means"
            label={t('directory.synonymMeans')}
            hint={t('directory.synonymMeansHint')}
            autocomplete="off"
            maxLength={200}
            value={means}
            onValue={setMeans}
            error={errors.means}
          />
          <ProblemAlert problem={problem} />
          <StatusMessage message={status} />
          <button type="submit" class="primary" disabled={busy}>
            {t('directory.addSynonym')}
          </button>
        </form>
      )}
    </section>
  );
}
