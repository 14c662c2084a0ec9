import type { Example } from './types.js';

const arn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

/** The seed article's video workflow, in JSONata: a Map of renditions beside three other jobs. */
export const mediaPipeline: Example = {
	id: 'media-pipeline',
	title: 'Media processing (Map + Parallel)',
	summary:
		'Written in JSONata: a Parallel runs a Map that transcodes renditions two at a time beside thumbnail, caption and audio jobs, and a variable set with Assign at the start is read at the end.',
	definition: JSON.stringify(
		{
			Comment:
				'Process an uploaded video: renditions (two at a time), thumbnails, captions and audio at once.',
			QueryLanguage: 'JSONata',
			StartAt: 'PrepareJob',
			States: {
				PrepareJob: {
					Type: 'Pass',
					Assign: {
						videoId: '{% $states.input.videoId %}',
						outputPrefix: "{% 's3://media-output/' & $states.input.videoId & '/' %}"
					},
					Next: 'ProcessMedia'
				},
				ProcessMedia: {
					Type: 'Parallel',
					Branches: [
						{
							StartAt: 'TranscodeRenditions',
							States: {
								TranscodeRenditions: {
									Type: 'Map',
									Items: '{% $states.input.renditions %}',
									MaxConcurrency: 2,
									ItemSelector: {
										index: '{% $states.context.Map.Item.Index %}',
										rendition: '{% $states.context.Map.Item.Value %}',
										source: '{% $states.input.source %}',
										durationSeconds: '{% $states.input.durationSeconds %}',
										outputPrefix: '{% $outputPrefix %}'
									},
									ItemProcessor: {
										ProcessorConfig: { Mode: 'INLINE' },
										StartAt: 'TranscodeRendition',
										States: {
											TranscodeRendition: {
												Type: 'Task',
												Resource: arn('transcode-rendition'),
												End: true
											}
										}
									},
									End: true
								}
							}
						},
						{
							StartAt: 'GenerateThumbnails',
							States: {
								GenerateThumbnails: {
									Type: 'Task',
									Resource: arn('generate-thumbnails'),
									Arguments: {
										source: '{% $states.input.source %}',
										durationSeconds: '{% $states.input.durationSeconds %}',
										count: 3,
										outputPrefix: '{% $outputPrefix %}'
									},
									End: true
								}
							}
						},
						{
							StartAt: 'ExtractCaptions',
							States: {
								ExtractCaptions: {
									Type: 'Task',
									Resource: arn('extract-captions'),
									Arguments: {
										source: '{% $states.input.source %}',
										durationSeconds: '{% $states.input.durationSeconds %}',
										language: '{% $states.input.language %}',
										outputPrefix: '{% $outputPrefix %}'
									},
									End: true
								}
							}
						},
						{
							StartAt: 'NormalizeAudio',
							States: {
								NormalizeAudio: {
									Type: 'Task',
									Resource: arn('normalize-audio'),
									Arguments: {
										source: '{% $states.input.source %}',
										targetLufs: -16,
										outputPrefix: '{% $outputPrefix %}'
									},
									End: true
								}
							}
						}
					],
					Output: {
						renditions: '{% $states.result[0] %}',
						thumbnails: '{% $states.result[1] %}',
						captions: '{% $states.result[2] %}',
						audio: '{% $states.result[3] %}'
					},
					Next: 'PublishManifest'
				},
				PublishManifest: {
					Type: 'Task',
					Resource: arn('publish-manifest'),
					Arguments:
						'{% $merge([$states.input, { "videoId": $videoId, "outputPrefix": $outputPrefix }]) %}',
					End: true
				}
			}
		},
		null,
		2
	),
	input: JSON.stringify(
		{
			videoId: 'vid-2048',
			source: 's3://media-uploads/launch-keynote.mov',
			durationSeconds: 1260,
			language: 'en-US',
			renditions: [
				{ name: '2160p', width: 3840, height: 2160, bitrateKbps: 16000 },
				{ name: '1080p', width: 1920, height: 1080, bitrateKbps: 6000 },
				{ name: '720p', width: 1280, height: 720, bitrateKbps: 3000 },
				{ name: '480p', width: 854, height: 480, bitrateKbps: 1200 }
			]
		},
		null,
		2
	),
	handlers: {
		'transcode-rendition': `export const handler = async ({ index, rendition, source, durationSeconds, outputPrefix }) => {
  const { name, width, height, bitrateKbps } = rendition;
  console.log(\`#\${index}: \${source} → \${name} (\${width}×\${height})\`);
  return {
    name,
    key: \`\${outputPrefix}\${name}.mp4\`,
    sizeMb: Math.round((bitrateKbps * durationSeconds) / 8 / 1000)
  };
};
`,
		'generate-thumbnails': `export const handler = async ({ durationSeconds, count, outputPrefix }) => {
  const step = durationSeconds / (count + 1);
  const times = Array.from({ length: count }, (_, i) => Math.round(step * (i + 1)));
  console.log(\`Grabbing frames at \${times.join(', ')} s\`);
  return times.map((seconds) => \`\${outputPrefix}thumbnails/\${seconds}.jpg\`);
};
`,
		'extract-captions': `// Stands in for Amazon Transcribe: one caption cue per 4 seconds of speech.
export const handler = async ({ source, durationSeconds, language, outputPrefix }) => {
  console.log(\`Transcribing \${source} (\${language})\`);
  return {
    key: \`\${outputPrefix}captions.\${language}.vtt\`,
    format: 'WebVTT',
    cues: Math.ceil(durationSeconds / 4)
  };
};
`,
		'normalize-audio': `// A real handler would measure loudness (ffmpeg loudnorm); this track measures -23 LUFS.
export const handler = async ({ targetLufs, outputPrefix }) => {
  const measuredLufs = -23;
  console.log(\`Gain \${targetLufs - measuredLufs} dB to reach \${targetLufs} LUFS\`);
  return { key: \`\${outputPrefix}audio.m4a\`, measuredLufs, gainDb: targetLufs - measuredLufs };
};
`,
		'publish-manifest': `export const handler = async ({ videoId, outputPrefix, renditions, thumbnails, captions, audio }) => {
  console.log(\`Publishing \${renditions.length} renditions of \${videoId}\`);
  return {
    videoId,
    manifest: \`\${outputPrefix}master.m3u8\`,
    renditions: renditions.map((r) => r.name),
    poster: thumbnails[0],
    captions: captions.key,
    audioGainDb: audio.gainDb
  };
};
`
	},
	latency: {
		byState: {
			TranscodeRendition: 2000,
			GenerateThumbnails: 1500,
			ExtractCaptions: 3000,
			NormalizeAudio: 1200,
			PublishManifest: 400
		}
	}
};
