import Html from '@kitajs/html';
import { PageMessages } from '../../../core/ui/components.tsx';
import { ButtonLink } from '../../../core/ui/post-button.tsx';
import { DesktopLayout, type Signed } from '../layout.tsx';

/** A refusal that leaves nothing to fill in (a document not found, the service not reachable). */
export function DocumentProblemPage(props: { signed: Signed; title: string; message: string }) {
  return (
    <DesktopLayout title={props.title} signed={props.signed} back="/epa/dokumente" narrow>
      <h1 safe>{props.title}</h1>
      <PageMessages errorText={props.message} />
      <ButtonLink href="/epa/dokumente" label="Zurück zu den Dokumenten" />
    </DesktopLayout>
  );
}
