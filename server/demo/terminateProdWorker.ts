import { nameOf } from './demoBuilder.ts'
import type { StoryStep } from './storyStep.ts'

const NAME = 'prod-worker-2'

/** Version 4: a queue worker is terminated; its instance and its ENI disappear from the next discovery. */
export const terminateProdWorker: StoryStep = {
  title: `${NAME} terminated`,
  summary: `${NAME} is gone from DescribeInstances, together with its network interface.`,
  apply(b) {
    const { ec2 } = b.inv
    const reservation = ec2.Reservations.find((r) => r.Instances?.some((i) => nameOf(i) === NAME))
    const instanceId = reservation?.Instances?.find((i) => nameOf(i) === NAME)?.InstanceId
    if (!reservation || !instanceId) throw new Error(`demo story: ${NAME} not found`)
    ec2.Reservations = ec2.Reservations.filter((r) => r !== reservation)
    ec2.NetworkInterfaces = ec2.NetworkInterfaces.filter((e) => e.Attachment?.InstanceId !== instanceId)
    ec2.Addresses = ec2.Addresses.filter((a) => a.InstanceId !== instanceId)
  },
}
