import Html from '@kitajs/html';
import { Notice } from '../../../core/ui/components.tsx';
import type { Block } from '../words.ts';

/** A portal's paragraphs and "Wichtig:" notes, in the order its manual prints them. */
export function Blocks(props: { blocks: readonly Block[] | undefined }) {
  return (
    <>
      {(props.blocks ?? []).map((b) =>
        typeof b === 'string' ? (
          <p safe>{b}</p>
        ) : (
          <Notice kind="info" title={b.title}>
            {b.paragraphs.map((text) => (
              <p safe>{text}</p>
            ))}
          </Notice>
        ),
      )}
    </>
  );
}
