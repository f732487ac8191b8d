import Html from '@kitajs/html';
import { Layout, type PortalChrome } from './layout.tsx';
import type { ConsentDocument } from '../consents/documents.ts';
import { formatDate } from './components.tsx';

export function ConsentPage(props: { chrome: PortalChrome; document: ConsentDocument }) {
  const d = props.document;
  return (
    <Layout title={d.title} chrome={props.chrome}>
      <h1 safe>{d.title}</h1>
      <p class="small">
        Version <span safe>{d.version}</span>, gültig ab {formatDate(new Date(d.validFrom))}
      </p>
      {d.paragraphs.map((p) => (
        <p safe>{p}</p>
      ))}
    </Layout>
  );
}
