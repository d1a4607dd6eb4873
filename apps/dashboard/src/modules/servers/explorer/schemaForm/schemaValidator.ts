// rjsf's validator over checkJsonSchema, since Ajv compiles schemas with `new Function`, which the CSP refuses.
import {
  type CustomValidator,
  createErrorHandler,
  type ErrorTransformer,
  getDefaultFormState,
  type RJSFSchema,
  type RJSFValidationError,
  toErrorSchema,
  type UiSchema,
  unwrapErrorHandler,
  type ValidationData,
  type ValidatorType,
  validationDataMerge,
} from '@rjsf/utils';
import { checkJsonSchema } from './schemaCheck';

type Args = Record<string, unknown>;

export const schemaValidator: ValidatorType<Args> = {
  validateFormData(
    formData: Args | undefined,
    schema: RJSFSchema,
    customValidate?: CustomValidator<Args>,
    transformErrors?: ErrorTransformer<Args>,
    uiSchema?: UiSchema<Args>,
  ): ValidationData<Args> {
    let errors = checkJsonSchema(schema, formData);
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema = toErrorSchema<Args>(errors);
    if (!customValidate) return { errors, errorSchema };
    const withDefaults = getDefaultFormState(schemaValidator, schema, formData, schema, true) as Args;
    const handler = customValidate(withDefaults, createErrorHandler(withDefaults), uiSchema, errorSchema);
    return validationDataMerge({ errors, errorSchema }, unwrapErrorHandler(handler));
  },
  isValid(schema: RJSFSchema, formData: Args | undefined, rootSchema: RJSFSchema): boolean {
    return checkJsonSchema(schema, formData, rootSchema).length === 0;
  },
  rawValidation<Result = RJSFValidationError>(schema: RJSFSchema, formData?: Args) {
    return { errors: checkJsonSchema(schema, formData) as Result[] };
  },
};

/** The studio's own argument errors (`details: [{path, message}]`, dotted paths) placed on the form's fields. */
export function errorSchemaOfDetails(details: { path: string; message: string }[]) {
  return toErrorSchema<Args>(
    details.map(({ path, message }) => {
      const property = path === '(root)' || path === '' ? '.' : `.${path}`;
      return { property, message, stack: `${property} ${message}` };
    }),
  );
}
