import { AppError, type ErrorCode } from '../../core/errors/app-error.ts';

/** One problem of a batch: the advice's index in the batch, the field and the code. */
export interface BatchProblem {
  index: number;
  field: string;
  code: ErrorCode;
}

/** A refused publication: nothing was stored; `problems` says what and where. */
export class EavisBatchError extends AppError {
  constructor(readonly problems: BatchProblem[], status = 422) {
    super('eavis.batch_invalid', status);
  }
}

/** "Not found" for something of another provider or insurer; audited once the transaction is over. */
export class DeniedError extends AppError {
  constructor(readonly subject: string, readonly reason: string) {
    super('request.not_found', 404);
  }
}
