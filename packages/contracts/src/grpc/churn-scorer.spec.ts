import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as protoLoader from '@grpc/proto-loader';
import * as ts from 'typescript';
import { CHURN_PROTO_PATH, CHURN_SCORER_SERVICE, PROTO_LOADER_OPTIONS } from './churn-scorer';

/**
 * The TS types in churn-scorer.ts against the .proto, as a client loaded with PROTO_LOADER_OPTIONS sees it. The
 * fields' shapes come from decoding real bytes through the service's own serializers (so the loader options'
 * effects — camelCase names, oneof names, defaults — are what is checked), the TS side from parsing the source:
 * jest strips types without checking them, so only reading the source can catch a drift here.
 */

const PACKAGE = 'syncengage.churn.v1';

interface FieldDescriptor { name: string; label: string; type: string; typeName: string }
interface MessageDescriptor { field: FieldDescriptor[]; nestedType: { name: string; field: FieldDescriptor[]; options: { mapEntry?: boolean } | null }[] }
interface Codec { encode(value: object): Buffer; decode(bytes: Buffer): Record<string, unknown> }
interface Shape { descriptor: MessageDescriptor; decodedEmpty: Record<string, unknown>; oneofs: Map<string, string[]> }
interface Member { optional: boolean; type: string }

const definition = protoLoader.loadSync(CHURN_PROTO_PATH, PROTO_LOADER_OPTIONS);
const service = definition[CHURN_SCORER_SERVICE] as protoLoader.ServiceDefinition;
const typeNameOf = (type: protoLoader.MessageTypeDefinition<object, object>): string => (type.type as { name: string }).name;
const decoder = (decode: (bytes: Buffer) => object) => (bytes: Buffer) => decode(bytes) as Record<string, unknown>;
const messageNames = Object.keys(definition).filter((name) => (definition[name] as { format?: string }).format?.includes('DescriptorProto'));
const descriptorOf = (name: string): MessageDescriptor => (definition[name] as { type: unknown }).type as MessageDescriptor;
const shortName = (qualified: string): string => qualified.slice(qualified.lastIndexOf('.') + 1);

const mapEntryOf = (message: MessageDescriptor, field: FieldDescriptor) =>
  field.type === 'TYPE_MESSAGE' ? message.nestedType.find((nested) => nested.name === field.typeName && nested.options?.mapEntry) : undefined;

/** A value that survives encoding for a field of this type (a default would be dropped from the wire). */
function sampleOf(field: FieldDescriptor): unknown {
  if (field.type === 'TYPE_MESSAGE') return {};
  if (field.type === 'TYPE_STRING') return 'x';
  if (field.type === 'TYPE_BOOL') return true;
  if (field.type === 'TYPE_BYTES') return Buffer.from('x');
  return 1;
}

/** Every message reachable from the service, with what the client decodes for it. */
function exploreShapes(): Map<string, Shape> {
  const shapes = new Map<string, Shape>();
  const explore = (qualified: string, codec: Codec): void => {
    if (shapes.has(qualified)) return;
    const descriptor = descriptorOf(qualified);
    const decodedEmpty = codec.decode(codec.encode({}));
    const shape: Shape = { descriptor, decodedEmpty, oneofs: new Map() };
    shapes.set(qualified, shape);
    for (const field of descriptor.field) {
      const isRepeated = field.label === 'LABEL_REPEATED' && !mapEntryOf(descriptor, field);
      const wrap = (value: unknown) => ({ [field.name]: isRepeated ? [value] : value });
      if (!(field.name in decodedEmpty)) {
        // Only oneof members stay absent when unset; set, they bring their oneof's name along.
        const probe = codec.decode(codec.encode(wrap(sampleOf(field))));
        const oneof = Object.keys(probe).find((key) => key !== field.name && !(key in decodedEmpty));
        if (oneof) shape.oneofs.set(oneof, [...(shape.oneofs.get(oneof) ?? []), field.name]);
      }
      if (field.type !== 'TYPE_MESSAGE' || mapEntryOf(descriptor, field)) continue;
      explore(`${PACKAGE}.${field.typeName}`, {
        encode: (value) => codec.encode(wrap(value)),
        decode: (bytes) => {
          const decoded = codec.decode(bytes)[field.name];
          return (isRepeated ? (decoded as unknown[])[0] : decoded) as Record<string, unknown>;
        },
      });
    }
  };
  for (const method of Object.values(service)) {
    explore(`${PACKAGE}.${typeNameOf(method.requestType)}`, { encode: (v) => method.requestSerialize(v), decode: decoder(method.requestDeserialize) });
    explore(`${PACKAGE}.${typeNameOf(method.responseType)}`, { encode: (v) => method.responseSerialize(v), decode: decoder(method.responseDeserialize) });
  }
  return shapes;
}

function declaredInterfaces(): Map<string, Map<string, Member>> {
  const file = ts.createSourceFile('churn-scorer.ts', readFileSync(join(__dirname, 'churn-scorer.ts'), 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map<string, Map<string, Member>>();
  file.forEachChild((node) => {
    if (!ts.isInterfaceDeclaration(node)) return;
    const members = new Map<string, Member>();
    for (const member of node.members) {
      if (!(ts.isPropertySignature(member) || ts.isMethodSignature(member))) continue;
      const type = ts.isMethodSignature(member)
        ? `(${member.parameters.map((p) => p.type?.getText(file)).join(', ')}) => ${member.type?.getText(file)}`
        : member.type!.getText(file);
      members.set(member.name.getText(file), { optional: Boolean(member.questionToken), type });
    }
    interfaces.set(node.name.text, members);
  });
  return interfaces;
}

function scalarType(type: string): string {
  if (type === 'TYPE_STRING') return 'string';
  if (type === 'TYPE_BOOL') return 'boolean';
  if (/^TYPE_(U?INT64|S?FIXED64|SINT64)$/.test(type)) return PROTO_LOADER_OPTIONS.longs === String ? 'string' : 'number';
  return 'number';
}

/** The TS types a field may be declared as (a singular message may be declared nullable: unset decodes to null). */
function expectedTypes(message: MessageDescriptor, field: FieldDescriptor): string[] {
  const entry = mapEntryOf(message, field);
  if (entry) return [`Record<${scalarType(entry.field[0].type)}, ${scalarType(entry.field[1].type)}>`];
  const element = field.type === 'TYPE_MESSAGE' ? field.typeName : scalarType(field.type);
  if (field.label === 'LABEL_REPEATED') return [`${element}[]`];
  return field.type === 'TYPE_MESSAGE' ? [element, `${element} | null`] : [element];
}

const shapes = exploreShapes();
const interfaces = declaredInterfaces();

describe(`the TS mirror of ${PACKAGE} (proto/churn.proto)`, () => {
  it('covers every message of the package, each reachable from the service', () => {
    expect([...shapes.keys()].sort()).toEqual([...messageNames].sort());
    for (const name of messageNames) expect({ message: name, declared: interfaces.has(shortName(name)) }).toEqual({ message: name, declared: true });
  });

  it.each(messageNames.map((name) => [shortName(name), name]))('%s: the same fields, optionality and types', (short, qualified) => {
    const { descriptor, decodedEmpty, oneofs } = shapes.get(qualified)!;
    const declared = interfaces.get(short)!;
    const oneofMembers = new Set([...oneofs.values()].flat());
    expect([...declared.keys()].sort()).toEqual([...descriptor.field.map((field) => field.name), ...oneofs.keys()].sort());
    for (const field of descriptor.field) {
      const member = declared.get(field.name)!;
      const isOneofMember = oneofMembers.has(field.name);
      expect({ field: field.name, optional: member.optional }).toEqual({ field: field.name, optional: isOneofMember });
      expect({ field: field.name, type: expectedTypes(descriptor, field) }).toEqual({ field: field.name, type: expect.arrayContaining([member.type]) });
      // The loader options decide the JS type of a scalar (longs: String); the declared type must be what arrives.
      if (!isOneofMember && field.type !== 'TYPE_MESSAGE' && field.label !== 'LABEL_REPEATED') {
        expect({ field: field.name, arrives: typeof decodedEmpty[field.name] }).toEqual({ field: field.name, arrives: scalarType(field.type) });
      }
    }
    for (const [oneof, members] of oneofs) {
      const member = declared.get(oneof)!;
      expect({ oneof, optional: member.optional, type: member.type.split('|').map((part) => part.trim()).sort() })
        .toEqual({ oneof, optional: true, type: members.map((name) => `'${name}'`).sort() });
    }
  });

  it('has a handler and a client method for every rpc, with its streaming kind and message types', () => {
    const handlers = interfaces.get('ChurnScorerHandlers')!;
    const client = interfaces.get('ChurnScorerClient')!;
    const methods = Object.values(service);
    expect([...handlers.keys()].sort()).toEqual(methods.map((method) => method.originalName).sort());
    expect([...client.keys()].sort()).toEqual(methods.map((method) => method.originalName).sort());
    for (const method of methods) {
      const request = typeNameOf(method.requestType);
      const response = typeNameOf(method.responseType);
      const kind = method.requestStream ? (method.responseStream ? 'BidiStreaming' : 'ClientStreaming') : method.responseStream ? 'ServerStreaming' : 'Unary';
      expect(handlers.get(method.originalName!)!.type).toBe(`grpc.handle${kind}Call<${request}, ${response}>`);
      const clientReturns: Record<string, string> = {
        Unary: `(${request}, grpc.CallOptions, Callback<${response}>) => grpc.ClientUnaryCall`,
        BidiStreaming: `(grpc.CallOptions) => grpc.ClientDuplexStream<${request}, ${response}>`,
        ServerStreaming: `(${request}, grpc.CallOptions) => grpc.ClientReadableStream<${response}>`,
        ClientStreaming: `(grpc.CallOptions, Callback<${response}>) => grpc.ClientWritableStream<${request}>`,
      };
      expect({ method: method.originalName, type: client.get(method.originalName!)!.type }).toEqual({ method: method.originalName, type: clientReturns[kind] });
    }
  });
});
