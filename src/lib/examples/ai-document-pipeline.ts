import type { Example } from './types.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;
const task = (name: string) => ({ Type: 'Task', Resource: arn(name), End: true });

/** The seed article's Bedrock workflow: four model calls at once, then a Choice on the moderation verdict. */
export const aiDocumentPipeline: Example = {
	id: 'ai-document-pipeline',
	title: 'AI document pipeline (Parallel + Choice)',
	summary:
		'Four simulated Amazon Bedrock calls analyze a document at once; a ResultSelector names their results and a Choice stores the vectors or rejects the document on the moderation verdict.',
	definition: JSON.stringify(
		{
			Comment:
				'Analyze a document with four model calls in parallel, then index it unless moderation flags it.',
			StartAt: 'AnalyzeDocument',
			States: {
				AnalyzeDocument: {
					Type: 'Parallel',
					Branches: [
						{
							StartAt: 'GenerateEmbeddings',
							States: { GenerateEmbeddings: task('generate-embeddings') }
						},
						{ StartAt: 'ModerateContent', States: { ModerateContent: task('moderate-content') } },
						{ StartAt: 'Summarize', States: { Summarize: task('summarize') } },
						{ StartAt: 'ExtractEntities', States: { ExtractEntities: task('extract-entities') } }
					],
					ResultSelector: {
						'embedding.$': '$[0]',
						'moderation.$': '$[1]',
						'summary.$': '$[2].summary',
						'entities.$': '$[3].entities'
					},
					ResultPath: '$.analysis',
					Next: 'IsContentSafe'
				},
				IsContentSafe: {
					Type: 'Choice',
					Choices: [
						{
							Variable: '$.analysis.moderation.flagged',
							BooleanEquals: false,
							Next: 'StoreVectors'
						}
					],
					Default: 'RejectDocument'
				},
				StoreVectors: {
					Type: 'Task',
					Resource: arn('store-vectors'),
					Parameters: {
						'documentId.$': '$.documentId',
						'vector.$': '$.analysis.embedding.vector',
						metadata: {
							'title.$': '$.title',
							'summary.$': '$.analysis.summary',
							'entities.$': '$.analysis.entities'
						}
					},
					End: true
				},
				RejectDocument: {
					Type: 'Fail',
					Error: 'DocumentRejected',
					CausePath: '$.analysis.moderation.reason'
				}
			}
		},
		null,
		2
	),
	input: JSON.stringify(
		{
			documentId: 'doc-7731',
			title: 'Quarterly sustainability report',
			text:
				'In Q3, Acme Corp cut data-centre emissions by 18%. Sites in Dublin and Oregon now run on ' +
				"renewable power, and Jane Smith's team retired 40 legacy servers. Next quarter the " +
				'company will publish figures per region.'
		},
		null,
		2
	),
	handlers: {
		'generate-embeddings': `// Stands in for Amazon Bedrock (Titan Text Embeddings): a unit vector from character codes.
export const handler = async ({ text }) => {
  const sums = new Array(8).fill(0);
  for (let i = 0; i < text.length; i++) sums[i % 8] += text.charCodeAt(i);
  const norm = Math.hypot(...sums);
  console.log(\`Embedded \${text.length} characters\`);
  return {
    model: 'amazon.titan-embed-text-v2:0',
    vector: sums.map((sum) => Number((sum / norm).toFixed(4)))
  };
};
`,
		'moderate-content': `// Stands in for a Bedrock guardrail: flags words from a block list.
const BLOCKED = new Set(['malware', 'phishing', 'exploit']);

export const handler = async ({ text }) => {
  const words = text.toLowerCase().match(/[a-z]+/g) ?? [];
  const hits = [...new Set(words.filter((word) => BLOCKED.has(word)))];
  console.log(hits.length > 0 ? \`Flagged: \${hits.join(', ')}\` : 'Nothing flagged');
  return {
    flagged: hits.length > 0,
    categories: hits,
    reason: hits.length > 0 ? \`Blocked terms: \${hits.join(', ')}\` : 'none'
  };
};
`,
		summarize: `// Stands in for a Bedrock model call: the summary is the first sentence.
export const handler = async ({ title, text }) => {
  const summary = text.match(/^.*?[.!?](?=\\s|$)/)?.[0] ?? text;
  console.log(\`Summarized "\${title}"\`);
  return { model: 'anthropic.claude-3-haiku-20240307-v1:0', summary };
};
`,
		'extract-entities': `// Stands in for entity extraction: capitalised names that do not start a sentence.
export const handler = async ({ text }) => {
  const names = text.match(/(?<!^|[.!?]\\s)\\b[A-Z][a-z]+(?:\\s[A-Z][a-z]+)*/g) ?? [];
  const entities = [...new Set(names)];
  console.log(\`Found \${entities.length} entities\`);
  return { entities, figures: text.match(/\\d+%/g) ?? [] };
};
`,
		'store-vectors': `// Stands in for a vector store write (OpenSearch Serverless, a Bedrock knowledge base).
export const handler = async ({ documentId, vector, metadata }) => {
  console.log(\`Indexing \${documentId} (\${vector.length} dimensions)\`);
  return {
    documentId,
    vectorId: \`vec-\${documentId}\`,
    index: 'documents',
    dimensions: vector.length,
    summary: metadata.summary,
    entities: metadata.entities
  };
};
`
	},
	latency: {
		byState: {
			GenerateEmbeddings: 900,
			ModerateContent: 600,
			Summarize: 2400,
			ExtractEntities: 1100,
			StoreVectors: 300
		}
	}
};
