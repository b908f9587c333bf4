import { InputError, isInputError } from '../core/index.ts';

/**
 * A cell's bad input named by the cell it came from, its rule and place kept, so that the same
 * mistake reads the same from this thread and from a pool's.
 */
export function inCell(key: string, err: InputError): InputError {
  return new InputError(err.rule, `cell ${key}: ${err.detail}`, { file: err.file, row: err.row });
}

/**
 * Bad input met while running a scenario, named by the scenario's file when it names no file of its
 * own (a strategy's parameter, a variant's label): the file is what the user edits.
 */
export function inScenario(file: string, err: unknown): unknown {
  return isInputError(err) && err.file === undefined
    ? new InputError(err.rule, err.detail, { file, row: err.row })
    : err;
}
